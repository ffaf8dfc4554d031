package dicomsql.engine.phase;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The keywords that name a contrast phase in a Series Description, read from a rules file
 * (the built-in {@code phase-rules.txt} or a user's own), and matching them word by word.
 */
public final class PhaseKeywords implements Serializable {
  private static final String BUILT_IN = "phase-rules.txt";
  /** Far more than any list of keywords needs; a larger file is something else. */
  static final int MAX_BYTES = 256 * 1024;

  /** One rule: the words of a keyword and the phase they name. */
  record Keyword(Phase phase, List<String> words) implements Serializable {
    String text() {
      return String.join(" ", words);
    }
  }

  /** What a description says: the phase and the keyword that said it. */
  public record Match(Phase phase, String keyword) {}

  private final List<Keyword> keywords;

  private PhaseKeywords(List<Keyword> keywords) {
    this.keywords = List.copyOf(keywords);
  }

  /**
   * A short text that changes whenever the rules do, so that an index knows when the phases it
   * stored were decided by other rules.
   */
  public String fingerprint() {
    StringBuilder text = new StringBuilder();
    for (Keyword keyword : keywords) {
      text.append(keyword.phase()).append(' ').append(keyword.text()).append('\n');
    }
    return Integer.toHexString(text.toString().hashCode()) + "-" + keywords.size();
  }

  /** The built-in keywords. */
  public static PhaseKeywords builtIn() {
    try (InputStream in = PhaseKeywords.class.getResourceAsStream(BUILT_IN)) {
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8), BUILT_IN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A user's rules file. It must be a regular file of UTF-8 text under {@link #MAX_BYTES}, so
   * that a device or a huge file is refused before it is read whole. A line that is not a rule
   * fails with its number, and with its text only once a rule before it has shown the file to
   * be a rules file: a file given by mistake (or on purpose, {@code /etc/shadow}) is never echoed.
   */
  public static PhaseKeywords load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + " is not a phase rules file: "
          + (Files.exists(file) ? "not a regular file" : "no such file"));
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw new IOException(file + " is not a phase rules file: larger than "
          + MAX_BYTES / 1024 + " KiB");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IOException(file + " is not a phase rules file: not UTF-8 text", e);
    }
    if (text.indexOf('\0') >= 0) {
      throw new IOException(file + " is not a phase rules file: not text (it holds NUL bytes)");
    }
    return parse(new StringReader(text), file.toString());
  }

  static PhaseKeywords parse(Reader source, String name) throws IOException {
    List<Keyword> keywords = new ArrayList<>();
    BufferedReader lines = new BufferedReader(source);
    int number = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      number++;
      String rule = line.strip();
      if (rule.isEmpty() || rule.startsWith("#")) {
        continue;
      }
      String[] parts = rule.split("\\s+", 2);
      Phase phase = phaseOf(parts[0]);
      List<String> words = parts.length == 2 ? words(parts[1]) : List.of();
      if (phase == null || words.isEmpty()) {
        String expected = "expected a phase letter (N, A, P or D) and a keyword";
        throw new IOException(keywords.isEmpty()
            ? name + " is not a phase rules file: line " + number + " is not a rule ("
                + expected + "; the line is not shown, as no rule comes before it)"
            : name + " line " + number + ": " + expected + ", found \"" + rule + "\"");
      }
      keywords.add(new Keyword(phase, words));
    }
    return new PhaseKeywords(keywords);
  }

  private static Phase phaseOf(String letter) {
    for (Phase phase : Phase.values()) {
      if (phase.name().equalsIgnoreCase(letter)) {
        return phase;
      }
    }
    return null;
  }

  /** The lower-case words of a text: runs of letters and digits. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        word.append(Character.toLowerCase(c));
      } else if (word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
      }
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }

  /**
   * The phase a description names, or null when it names none or two different ones. A keyword
   * found inside a longer one that matched ({@code late} inside {@code late arterial}) does not
   * count; the longest keyword found is the one reported.
   */
  public Match match(String description) {
    if (description == null) {
      return null;
    }
    List<String> words = words(description);
    List<int[]> spans = new ArrayList<>();
    List<Keyword> found = new ArrayList<>();
    for (Keyword keyword : keywords) {
      int size = keyword.words().size();
      for (int start = 0; start + size <= words.size(); start++) {
        if (words.subList(start, start + size).equals(keyword.words())) {
          spans.add(new int[] {start, start + size});
          found.add(keyword);
        }
      }
    }
    Set<Phase> phases = EnumSet.noneOf(Phase.class);
    Keyword best = null;
    for (int i = 0; i < found.size(); i++) {
      if (insideAnother(spans, i)) {
        continue;
      }
      Keyword keyword = found.get(i);
      phases.add(keyword.phase());
      if (best == null || keyword.words().size() > best.words().size()) {
        best = keyword;
      }
    }
    return phases.size() == 1 ? new Match(best.phase(), best.text()) : null;
  }

  private static boolean insideAnother(List<int[]> spans, int i) {
    int[] span = spans.get(i);
    for (int j = 0; j < spans.size(); j++) {
      int[] other = spans.get(j);
      boolean covers = other[0] <= span[0] && span[1] <= other[1];
      if (j != i && covers && other[1] - other[0] > span[1] - span[0]) {
        return true;
      }
    }
    return false;
  }
}
