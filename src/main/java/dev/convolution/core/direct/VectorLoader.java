package dev.convolution.core.direct;

/**
 * Makes the Vector API loops by name, so that a runtime started without {@code --add-modules jdk.incubator.vector}
 * never links them and runs the plain loops instead.
 */
public final class VectorLoader {
    private VectorLoader() {
    }

    /**
     * A new instance of the named class of {@code type}'s package through its constructor of these parameter types, or
     * null when this runtime cannot load it (the JVM was started without the module).
     */
    public static <T> T load(Class<T> type, String simpleName, Class<?>[] types, Object... args) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            // the loops are package-private classes of their interface's package, made here from another package
            java.lang.reflect.Constructor<?> made = Class.forName(type.getPackageName() + "." + simpleName).getDeclaredConstructor(types);
            made.setAccessible(true);
            return type.cast(made.newInstance(args));
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return null;
        }
    }
}
