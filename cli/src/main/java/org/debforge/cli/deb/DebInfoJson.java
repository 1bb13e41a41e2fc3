package org.debforge.cli.deb;

import java.util.LinkedHashMap;
import java.util.Map;
import org.debforge.core.deb.DebInfo;

/** The JSON shape of {@code debforge deb info --json} (schema version 1). */
final class DebInfoJson {
  private DebInfoJson() {}

  static Map<String, Object> of(DebInfo info, boolean withData) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema", 1);
    m.put("file", info.source());
    m.put("formatVersion", info.formatVersion());
    m.put("size", info.size());
    m.put("controlMember", info.controlMember());
    m.put("controlArchiveSize", info.controlArchiveSize());
    m.put("dataMember", info.dataMember());
    m.put("dataCompression", info.dataCompression().name().toLowerCase(java.util.Locale.ROOT));
    m.put("dataArchiveSize", info.dataArchiveSize());
    m.put("control", info.control().toMap());
    m.put(
        "installedSize",
        info.installedSize().isPresent() ? info.installedSize().getAsLong() : null);
    m.put("controlMembers", info.controlMembers());
    if (withData) {
      m.put("data", info.data());
    }
    return m;
  }
}
