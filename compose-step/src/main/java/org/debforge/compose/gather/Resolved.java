package org.debforge.compose.gather;

import org.debforge.compose.lock.LockedPackage;
import org.debforge.compose.pkgset.PackageSource;
import org.debforge.core.control.Paragraph;

/**
 * One package of the resolved set: its lock entry, its stanza as the source index lists it (the
 * exact-set repository republishes it, Priority and Section included), and its source.
 */
public record Resolved(LockedPackage pkg, Paragraph stanza, PackageSource source) {}
