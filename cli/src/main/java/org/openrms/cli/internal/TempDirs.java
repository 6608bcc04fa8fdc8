package org.openrms.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes temporary directories the CLI created. */
public final class TempDirs {
  private TempDirs() {}

  /** Deletes a directory tree; missing paths are fine, failures are reported on stderr. */
  public static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(TempDirs::deleteQuietly);
    } catch (IOException e) {
      System.err.println("warning: could not clean up " + root + ": " + e.getMessage());
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      System.err.println("warning: could not delete " + p + ": " + e.getMessage());
    }
  }
}
