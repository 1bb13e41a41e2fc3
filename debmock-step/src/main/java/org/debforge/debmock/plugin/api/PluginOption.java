package org.debforge.debmock.plugin.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One option a plugin takes, for {@code plugin-help} and validation: set in YAML under {@code
 * plugin_conf.<plugin>.<name>} or with {@code --plugin-option plugin:name=value}.
 *
 * @param type {@code string}, {@code int}, {@code bool}, {@code list} or {@code size} (e.g. 2G)
 * @param defaultValue the default as text, or null when none
 */
public record PluginOption(String name, String type, String defaultValue, String description) {
  public PluginOption {
    if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("option names are lower_snake_case: " + name);
    }
  }

  /**
   * Documents a component of an options record: what {@code plugin-help} says of it, and its type
   * when the Java type does not tell ({@code size} for a {@code String} like {@code 4G}).
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  public @interface Doc {
    String value();

    /** {@code size}, or empty to derive it from the component's type. */
    String type() default "";
  }

  /**
   * The options of an options record, in component order: names in snake_case, types from {@link
   * Doc} or the Java type, defaults read from {@code defaults}. So a plugin declares each option
   * once, in its record, and its defaults once, in one instance of it.
   */
  public static List<PluginOption> of(Record defaults) {
    List<PluginOption> out = new ArrayList<>();
    for (RecordComponent c : defaults.getClass().getRecordComponents()) {
      Doc doc = c.getAnnotation(Doc.class);
      Object value;
      try {
        c.getAccessor().setAccessible(true);
        value = c.getAccessor().invoke(defaults);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IllegalStateException("cannot read option " + c.getName() + " of " + defaults, e);
      }
      String type = doc != null && !doc.type().isEmpty() ? doc.type() : typeOf(c.getType());
      out.add(
          new PluginOption(
              snakeCase(c.getName()),
              type,
              value == null ? null : String.valueOf(value),
              doc == null ? "" : doc.value()));
    }
    return List.copyOf(out);
  }

  private static String typeOf(Class<?> t) {
    if (t == boolean.class || t == Boolean.class) {
      return "bool";
    }
    if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
      return "int";
    }
    if (Collection.class.isAssignableFrom(t)) {
      return "list";
    }
    return t == String.class ? "string" : t.getSimpleName();
  }

  /** {@code availablePkgs} is {@code available_pkgs}, as YAML and the command line spell it. */
  public static String snakeCase(String camel) {
    StringBuilder sb = new StringBuilder();
    for (char ch : camel.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        sb.append('_').append(Character.toLowerCase(ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }
}
