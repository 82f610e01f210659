package org.wifionboarding.hub.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data directory holds the broker's journal (guest contact data in messages), the H2 files (RADIUS passwords)
 * and the generated keys: only the hub's own user may enter it (0700) or read what is in it (files 0600). Applied at
 * start to what is there; run the hub with {@code umask 077} so files made later are born private too.
 */
final class DataDirectory {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {
    }

    static void secure(Path dataDir) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (Stream<Path> all = Files.walk(dataDir)) {
            all.forEach(path -> {
                try {
                    Files.setPosixFilePermissions(path, Files.isDirectory(path) ? DIRECTORY : FILE);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot make " + path + " private", e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dataDir, e);
        }
    }
}
