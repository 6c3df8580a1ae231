package dev.convolution.core.direct;

/**
 * Makes the Vector API loops by name, so that a runtime started without {@code --add-modules jdk.incubator.vector}
 * never links them and runs the plain loops instead.
 */
final class VectorLoader {
    private VectorLoader() {
    }

    /**
     * A new instance of the named class of this package through its constructor of these parameter types, or null when
     * this runtime cannot load it (the JVM was started without the module).
     */
    static <T> T load(Class<T> type, String simpleName, Class<?>[] types, Object... args) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            return type.cast(Class.forName(VectorLoader.class.getPackageName() + "." + simpleName).getDeclaredConstructor(types)
                    .newInstance(args));
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
