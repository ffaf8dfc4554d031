package dicomsql.connector.metadata;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.janino.RelMetadataHandlerGeneratorUtil;

/**
 * Writes, at build time, the {@code GeneratedMetadata_*} sources that
 * {@link PrecompiledMetadataHandlers} loads: what Calcite's Janino provider would compile in
 * each new JVM for its default metadata provider, generated from the Calcite the build compiles
 * against (so an upgrade cannot leave them behind) and moved into this package.
 */
public final class MetadataHandlerSources {
  private MetadataHandlerSources() {}

  /** Writes one source per kind of built-in metadata into the package folder under args[0]. */
  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[0],
        PrecompiledMetadataHandlers.class.getPackageName().replace('.', '/'));
    Files.createDirectories(folder);
    for (Class<? extends MetadataHandler<?>> handlerClass : handlerClasses()) {
      Files.writeString(folder.resolve(PrecompiledMetadataHandlers.GENERATED_SIMPLE_PREFIX
          + PrecompiledMetadataHandlers.simpleName(handlerClass) + ".java"),
          source(handlerClass));
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
   * What Calcite's Janino provider would compile, moved into this package and written so that
   * javac compiles it too, without warnings: a handler of a class that is not public is named
   * by the type {@link PrecompiledMetadataHandlers#namedType} gives (and asked for its
   * definition as a handler), and nested parameter types by their canonical names rather than
   * binary ones.
   */
  static String source(Class<? extends MetadataHandler<?>> handlerClass) {
    List<MetadataHandler<?>> handlers = DefaultRelMetadataProvider.INSTANCE
        .handlers(handlerClass).stream().distinct().toList();
    String generated = RelMetadataHandlerGeneratorUtil.generateHandler(handlerClass, handlers)
        .getGeneratedCode();
    String source = replaceOnce(generated,
        "package " + RelMetadataHandlerGeneratorUtil.class.getPackageName() + ";",
        "// Generated at build time by MetadataHandlerSources from Calcite's"
            + " RelMetadataHandlerGeneratorUtil.\n"
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

  /** Fails the build when Calcite's generator no longer writes what the edits expect. */
  private static String replaceOnce(String text, String old, String replacement) {
    int at = text.indexOf(old);
    if (at < 0 || text.indexOf(old, at + 1) >= 0) {
      throw new IllegalStateException("Calcite's generated metadata handler no longer has "
          + "exactly one '" + old + "'; MetadataHandlerSources needs updating");
    }
    return text.replace(old, replacement);
  }
}
