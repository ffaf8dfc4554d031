package dicomsql.server.web;

import dicomsql.server.StatementLimits;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the console needs from the server's options.
 *
 * @param driverUrl the {@code jdbc:dicom:} URL its connections open (the server's own)
 * @param dataRoot the data folder, which the viewer reads pixel data from
 * @param limits time and rows per statement, as for Avatica's clients
 * @param idleTimeout a console session unused this long is closed with its connection
 */
public record ConsoleSettings(String driverUrl, Path dataRoot, StatementLimits limits,
    Duration idleTimeout) {}
