package org.debforge.jenkins.cps

import java.lang.annotation.ElementType
import java.lang.annotation.Retention
import java.lang.annotation.RetentionPolicy
import java.lang.annotation.Target

/** {@code @Library('debforge') _} as Jenkins reads it; the harness always has the library loaded. */
@Retention(RetentionPolicy.SOURCE)
@Target([ElementType.TYPE, ElementType.FIELD, ElementType.LOCAL_VARIABLE, ElementType.METHOD,
    ElementType.PACKAGE, ElementType.CONSTRUCTOR, ElementType.PARAMETER])
@interface Library {
  String[] value()
}
