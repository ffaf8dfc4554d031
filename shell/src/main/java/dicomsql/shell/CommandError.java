package dicomsql.shell;

/** A shell command that could not do what it was asked, with the one line to show. */
final class CommandError extends Exception {
  CommandError(String message) {
    super(message);
  }
}
