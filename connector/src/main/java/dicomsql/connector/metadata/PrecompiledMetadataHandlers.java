package dicomsql.connector.metadata;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.calcite.rel.metadata.JaninoRelMetadataProvider;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.MetadataHandlerProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;

/**
 * The metadata handlers of a {@link RelMetadataProvider}, from classes compiled with this jar
 * ({@code GeneratedMetadata_*}: the source Calcite's {@link JaninoRelMetadataProvider}
 * generates, with the few changes javac needs, written at build time by
 * {@link MetadataHandlerSources}) rather than compiled by Janino in each new JVM: a new
 * process's first query compiled about eight of them, 0.25–0.35 s of CPU.
 * A handler kind without such a class, or whose provider has handlers other than those the
 * class was generated for (a provider of ours, or of a later Calcite), is Janino's, as before,
 * so every provider's metadata is what Calcite would give.
 */
public final class PrecompiledMetadataHandlers implements MetadataHandlerProvider {
  static final String GENERATED_SIMPLE_PREFIX = "GeneratedMetadata_";
  static final String GENERATED_PREFIX =
      PrecompiledMetadataHandlers.class.getPackageName() + "." + GENERATED_SIMPLE_PREFIX;

  /**
   * By provider, equal ones sharing (as Janino's own cache does): a planner sets a new but
   * equal chain of providers on each run of a heuristic program.
   */
  private static final Cache<RelMetadataProvider, PrecompiledMetadataHandlers> BY_PROVIDER =
      CacheBuilder.newBuilder().maximumSize(64).build();

  private final RelMetadataProvider provider;
  private final JaninoRelMetadataProvider janino;
  private final Map<Class<?>, MetadataHandler<?>> handlers = new ConcurrentHashMap<>();

  private PrecompiledMetadataHandlers(RelMetadataProvider provider) {
    this.provider = provider;
    this.janino = JaninoRelMetadataProvider.of(provider);
  }

  /** The handlers of {@code provider}. */
  public static PrecompiledMetadataHandlers of(RelMetadataProvider provider) {
    try {
      return BY_PROVIDER.get(provider, () -> new PrecompiledMetadataHandlers(provider));
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Called for every kind of metadata each time a metadata query is made (many times while
   * planning one statement), so it is a look-up after the first call.
   */
  @Override
  public <H extends MetadataHandler<?>> H handler(Class<H> handlerClass) {
    return handlerClass.cast(handlers.computeIfAbsent(handlerClass, k -> create(handlerClass)));
  }

  /**
   * Reached only from a handler of Janino's that met a relational expression it was not
   * generated for: a precompiled handler dispatches on every class its provider knows.
   */
  @Override
  public <H extends MetadataHandler<?>> H revise(Class<H> handlerClass) {
    return janino.revise(handlerClass);
  }

  private <H extends MetadataHandler<?>> MetadataHandler<?> create(Class<H> handlerClass) {
    // Janino's generator drops repeated handlers the same way.
    List<MetadataHandler<?>> sources = provider.handlers(handlerClass).stream()
        .distinct().toList();
    Constructor<?> constructor = generatedFor(handlerClass);
    if (constructor == null || !Arrays.equals(constructor.getParameterTypes(),
        sources.stream().map(source -> namedType(source.getClass())).toArray())) {
      return janino.handler(handlerClass);
    }
    try {
      return (MetadataHandler<?>) constructor.newInstance(sources.toArray());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The constructor of the class generated for {@code handlerClass}, or null if none is. */
  private static Constructor<?> generatedFor(Class<?> handlerClass) {
    try {
      return Class.forName(GENERATED_PREFIX + simpleName(handlerClass))
          .getDeclaredConstructors()[0];
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /**
   * The type by which a generated class names a handler of class {@code handlerClass}: the
   * class itself, or when it is not public (Calcite's cost handlers are private classes, which
   * Janino does not check but javac does), its nearest public superclass, which declares every
   * method the handler is dispatched to.
   */
  static Class<?> namedType(Class<?> handlerClass) {
    Class<?> type = handlerClass;
    while (!Modifier.isPublic(type.getModifiers())) {
      type = type.getSuperclass();
    }
    return type;
  }

  /**
   * The name Calcite's generator gives the class, after {@code GeneratedMetadata_}: a nested
   * {@code Handler} is named with its metadata ({@code RowCountHandler}).
   */
  static String simpleName(Class<?> handlerClass) {
    String simple = handlerClass.getSimpleName();
    return simple.equals("Handler") && handlerClass.getEnclosingClass() != null
        ? handlerClass.getEnclosingClass().getSimpleName() + simple
        : simple;
  }
}
