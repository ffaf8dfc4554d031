package dicomsql.connector.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.janino.RelMetadataHandlerGeneratorUtil;
import org.junit.jupiter.api.Test;

/**
 * The {@code GeneratedMetadata_*} sources in this package are what Calcite's generator gives
 * today for its default metadata provider, so that a Calcite upgrade cannot leave them behind
 * unnoticed. When they differ, the test writes the current ones to
 * {@code target/generated-metadata}, to be copied over.
 */
class GeneratedMetadataSourcesTest {
  private static final Path SOURCES = Path.of("src/main/java",
      PrecompiledMetadataHandlers.class.getPackageName().replace('.', '/'));
  private static final Path CURRENT = Path.of("target/generated-metadata");

  @Test
  void eachKindOfBuiltInMetadataHasTheSourceCalciteGeneratesForIt() throws IOException {
    List<String> stale = new ArrayList<>();
    for (Class<? extends MetadataHandler<?>> handlerClass : handlerClasses()) {
      String name = "GeneratedMetadata_" + PrecompiledMetadataHandlers.simpleName(handlerClass)
          + ".java";
      String current = source(handlerClass);
      Path committed = SOURCES.resolve(name);
      if (!Files.exists(committed) || !Files.readString(committed).equals(current)) {
        Files.createDirectories(CURRENT);
        Files.writeString(CURRENT.resolve(name), current);
        stale.add(name);
      }
    }
    assertThat(stale).as("stale or missing in %s; current ones are in %s", SOURCES,
        CURRENT.toAbsolutePath()).isEmpty();
  }

  @Test
  void noOtherGeneratedSourcesAreKept() throws IOException {
    List<String> wanted = handlerClasses().stream()
        .map(c -> "GeneratedMetadata_" + PrecompiledMetadataHandlers.simpleName(c) + ".java")
        .toList();
    try (Stream<Path> files = Files.list(SOURCES)) {
      assertThat(files.map(f -> f.getFileName().toString())
          .filter(f -> f.startsWith("GeneratedMetadata_")))
          .containsExactlyInAnyOrderElementsOf(wanted);
    }
  }

  /** The handler of each kind of metadata Calcite defines. */
  @SuppressWarnings("unchecked")
  static List<Class<? extends MetadataHandler<?>>> handlerClasses() {
    return Arrays.stream(BuiltInMetadata.class.getDeclaredClasses())
        .flatMap(metadata -> Arrays.stream(metadata.getDeclaredClasses()))
        .filter(MetadataHandler.class::isAssignableFrom)
        .<Class<? extends MetadataHandler<?>>>map(
            handler -> (Class<? extends MetadataHandler<?>>) handler)
        .toList();
  }

  /**
   * What Calcite's Janino provider would compile, moved into this package (saying so) and
   * written so that javac compiles it too, without warnings: a handler of a class that is not
   * public is named by the type {@link PrecompiledMetadataHandlers#namedType} gives (and asked
   * for its definition as a handler), and nested parameter types by their canonical names
   * rather than binary ones.
   */
  private static String source(Class<? extends MetadataHandler<?>> handlerClass) {
    List<MetadataHandler<?>> handlers = DefaultRelMetadataProvider.INSTANCE
        .handlers(handlerClass).stream().distinct().toList();
    String generated = RelMetadataHandlerGeneratorUtil.generateHandler(handlerClass, handlers)
        .getGeneratedCode();
    String source = replaceOnce(generated,
        "package " + RelMetadataHandlerGeneratorUtil.class.getPackageName() + ";",
        "// Generated from Calcite's RelMetadataHandlerGeneratorUtil; do not edit: when\n"
            + "// GeneratedMetadataSourcesTest finds it stale, copy its current version over.\n"
            + "package " + PrecompiledMetadataHandlers.class.getPackageName() + ";");
    // Calcite's generated code is not ours to tidy; its raw types would only add warnings.
    source = replaceOnce(source, "public final class ",
        "@SuppressWarnings({\"cast\", \"rawtypes\", \"unchecked\"})\npublic final class ");
    for (int i = 0; i < handlers.size(); i++) {
      Class<?> actual = handlers.get(i).getClass();
      Class<?> named = PrecompiledMetadataHandlers.namedType(actual);
      if (named != actual) {
        source = source.replace(actual.getName() + " provider" + i,
            named.getName() + " provider" + i);
        source = source.replace("provider" + i + ".getDef()",
            "((" + MetadataHandler.class.getName() + "<?>) provider" + i + ").getDef()");
      }
    }
    for (Method method : handlerClass.getMethods()) {
      for (Class<?> parameter : method.getParameterTypes()) {
        if (parameter.getEnclosingClass() != null) {
          source = source.replace(parameter.getName() + " a",
              parameter.getCanonicalName() + " a");
        }
      }
    }
    return source;
  }

  private static String replaceOnce(String text, String old, String replacement) {
    assertThat(text).containsOnlyOnce(old);
    return text.replace(old, replacement);
  }
}
