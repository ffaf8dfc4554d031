package dicomsql.shell;


/** Entry point of {@code ./dicomsql}: runs the command line and exits with its status. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(DicomsqlCommand.commandLine().execute(args));
  }
}
