package dev.convolution.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.module.SimpleValueInstantiators;

/**
 * The service's request records built through their constructor's reflection accessor instead of Jackson's {@code
 * MethodHandle.invokeWithArguments}, which makes a method type on every call: 0.6% of the service's time under the
 * seed request's load, more than the record's whole construction should cost. Everything else is Jackson's: the
 * properties, their order and readers, and what a constructor that throws becomes ({@code rewrapCtorProblem}, then the
 * context's {@code handleInstantiationProblem}), so every answer and refusal is the one Jackson's own instantiator gives.
 */
final class RecordCreators extends SimpleValueInstantiators {
    private static final long serialVersionUID = 1L;
    private static final String OURS = "dev.convolution.";

    @Override
    public ValueInstantiator modifyValueInstantiator(DeserializationConfig config, BeanDescription.Supplier beanDescRef,
            ValueInstantiator defaultInstantiator) {
        if (defaultInstantiator != null && defaultInstantiator.getClass() == StdValueInstantiator.class
                && defaultInstantiator.getValueClass().getName().startsWith(OURS)
                && defaultInstantiator.getWithArgsCreator() instanceof AnnotatedConstructor creator) {
            Constructor<?> constructor = creator.getAnnotated();
            if (constructor.trySetAccessible()) {
                return new Reflective((StdValueInstantiator) defaultInstantiator, constructor);
            }
        }
        return defaultInstantiator;
    }

    /** Jackson's instantiator, its properties-based creation by the constructor's reflection accessor. */
    static final class Reflective extends StdValueInstantiator {
        private static final long serialVersionUID = 1L;
        private final transient Constructor<?> constructor;

        Reflective(StdValueInstantiator jacksons, Constructor<?> constructor) {
            super(jacksons);
            this.constructor = constructor;
        }

        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) {
            try {
                return constructor.newInstance(args);
            } catch (InvocationTargetException e) {
                // what the constructor threw, as Jackson's invocation of it would have passed it on
                if (e.getCause() instanceof Exception thrown) {
                    return ctxt.handleInstantiationProblem(_valueClass, args, rewrapCtorProblem(ctxt, thrown));
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                return ctxt.handleInstantiationProblem(_valueClass, args, rewrapCtorProblem(ctxt, e));
            }
        }
    }
}
