package dev.convolution.web.media;

import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The array fields a request record declares ({@link ArrayPart}), in declaration order; empty for any other type. */
final class ArrayParts {
    private static final ClassValue<Map<String, ArrayPart>> FIELDS = new ClassValue<>() {
        @Override
        protected Map<String, ArrayPart> computeValue(Class<?> type) {
            Map<String, ArrayPart> fields = new LinkedHashMap<>();
            if (type.isRecord()) {
                for (RecordComponent c : type.getRecordComponents()) {
                    ArrayPart part = c.getAnnotation(ArrayPart.class);
                    if (part != null) {
                        fields.put(c.getName(), part);
                    }
                }
            }
            return Collections.unmodifiableMap(fields);
        }
    };

    private ArrayParts() {
    }

    static Map<String, ArrayPart> of(Class<?> type) {
        return FIELDS.get(type);
    }
}
