package org.debforge.compose.pkgset;

import org.debforge.compose.lock.LockSource;
import org.debforge.compose.source.AptRepository;

/** A blueprint source found: its name, where its repository is, and how the lock records it. */
public record PackageSource(String name, AptRepository repo, LockSource lock) {}
