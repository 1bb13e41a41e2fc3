package org.debforge.cli.output;

import picocli.CommandLine.IVersionProvider;

/** The version stamped into the jar manifest by Maven; "dev" when run from classes. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {
      "debforge " + (v == null ? "dev" : v),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
