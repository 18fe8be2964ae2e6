package dev.meshmirror.internal.render;

import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How templates see the views. A record is a hash of its components and of its public {@code
 * boolean} methods without parameters (the questions templates ask of it, such as {@code
 * hasVolumes}), read through method handles found once per record class: FreeMarker's bean
 * introspection, which wraps and reflects on every access, took a fifth of a warm render. An empty
 * {@link Optional} is a missing value, so templates ask {@code x??}, and a present one is its
 * content. Text, numbers, lists and maps are wrapped as FreeMarker wraps them.
 */
final class ViewWrapper extends DefaultObjectWrapper {
  private static final MethodType ACCESSOR = MethodType.methodType(Object.class, Object.class);

  /**
   * Each record class's components, and the questions it answers ({@code public boolean x()}), by
   * name, as handles of type {@code (Object) Object}.
   */
  private static final ClassValue<Map<String, MethodHandle>> COMPONENTS =
      new ClassValue<>() {
        @Override
        protected Map<String, MethodHandle> computeValue(Class<?> type) {
          Map<String, MethodHandle> components = new HashMap<>();
          for (RecordComponent component : type.getRecordComponents()) {
            components.put(component.getName(), handle(component.getAccessor()));
          }
          for (Method method : type.getDeclaredMethods()) {
            if (method.getReturnType() == boolean.class
                && method.getParameterCount() == 0
                && Modifier.isPublic(method.getModifiers())
                && !Modifier.isStatic(method.getModifiers())) {
              components.putIfAbsent(method.getName(), handle(method));
            }
          }
          return Map.copyOf(components);
        }
      };

  private static MethodHandle handle(Method accessor) {
    try {
      return MethodHandles.lookup().unreflect(accessor).asType(ACCESSOR);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(
          "templates cannot read "
              + accessor.getDeclaringClass().getName()
              + ": views are public records",
          e);
    }
  }

  ViewWrapper() {
    super(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_35), true);
  }

  @Override
  public TemplateModel wrap(Object object) throws TemplateModelException {
    if (object instanceof Optional<?> optional) {
      return optional.isPresent() ? wrap(optional.get()) : null;
    }
    if (object instanceof Record record) {
      return new RecordModel(record);
    }
    return super.wrap(object);
  }

  /**
   * One record as a hash: a name that is not one of its components is a missing value, and the
   * record itself is never text (quoting it fails the render).
   */
  private final class RecordModel implements TemplateHashModel {
    private final Record record;
    private final Map<String, MethodHandle> components;

    RecordModel(Record record) {
      this.record = record;
      this.components = COMPONENTS.get(record.getClass());
    }

    @Override
    public TemplateModel get(String key) throws TemplateModelException {
      MethodHandle accessor = components.get(key);
      if (accessor == null) {
        return null;
      }
      Object value;
      try {
        value = accessor.invokeExact((Object) record);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new TemplateModelException("reading " + key + " failed", e);
      }
      return wrap(value);
    }

    @Override
    public boolean isEmpty() {
      return false;
    }
  }
}
