package org.debforge.core.deb;

import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * One member of a control.tar or data.tar, as {@code tar -tv} would describe it.
 *
 * @param type what kind of file the entry is
 * @param typeFlag the raw tar type flag, kept because {@code tar -tv} prints some (unknown) ones
 * @param mode permission bits including set-id and sticky bits (no file-type bits)
 * @param userName owner name, "" when the archive stores none
 * @param groupName group name, "" when the archive stores none
 * @param uid numeric owner
 * @param gid numeric group
 * @param size stored size in bytes (0 for links and directories)
 * @param mtime modification time, seconds since the epoch
 * @param linkTarget symlink target or hard-link source path, "" for other types
 * @param path the member name as stored, e.g. {@code ./usr/bin/foo}
 * @param devMajor device major number (character and block devices only, else 0)
 * @param devMinor device minor number (character and block devices only, else 0)
 */
public record TarEntry(
    Type type,
    char typeFlag,
    int mode,
    String userName,
    String groupName,
    long uid,
    long gid,
    long size,
    long mtime,
    String linkTarget,
    String path,
    int devMajor,
    int devMinor) {

  /** File types a .deb may carry, in dpkg's terms. */
  public enum Type {
    FILE,
    DIRECTORY,
    SYMLINK,
    HARDLINK,
    CHARACTER_DEVICE,
    BLOCK_DEVICE,
    FIFO,
    OTHER
  }

  public TarEntry {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(groupName, "groupName");
    Objects.requireNonNull(linkTarget, "linkTarget");
    Objects.requireNonNull(path, "path");
    if ((mode & ~07777) != 0) {
      throw new IllegalArgumentException(
          "mode has bits beyond 07777: " + Integer.toOctalString(mode));
    }
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
  }

  static TarEntry of(TarArchiveEntry e) {
    Type type;
    if (e.isSymbolicLink()) {
      type = Type.SYMLINK;
    } else if (e.isLink()) {
      type = Type.HARDLINK;
    } else if (e.isDirectory()) {
      type = Type.DIRECTORY;
    } else if (e.isCharacterDevice()) {
      type = Type.CHARACTER_DEVICE;
    } else if (e.isBlockDevice()) {
      type = Type.BLOCK_DEVICE;
    } else if (e.isFIFO()) {
      type = Type.FIFO;
    } else if (e.isFile()) {
      type = Type.FILE;
    } else {
      type = Type.OTHER;
    }
    boolean device = type == Type.CHARACTER_DEVICE || type == Type.BLOCK_DEVICE;
    return new TarEntry(
        type,
        (char) (e.getLinkFlag() & 0xff),
        e.getMode() & 07777,
        e.getUserName() == null ? "" : e.getUserName(),
        e.getGroupName() == null ? "" : e.getGroupName(),
        e.getLongUserId(),
        e.getLongGroupId(),
        e.getSize(),
        e.getLastModifiedTime().toInstant().getEpochSecond(),
        e.getLinkName() == null ? "" : e.getLinkName(),
        e.getName(),
        device ? e.getDevMajor() : 0,
        device ? e.getDevMinor() : 0);
  }
}
