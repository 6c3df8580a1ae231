package dev.convolution.web.problem;

import dev.convolution.api.wire.StrictJson;
import dev.convolution.api.wire.WireValueException;
import dev.convolution.core.Spec;
import dev.convolution.core.error.Violation;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Our own words for a body Jackson could not read: the field to blame and what is wrong, never Jackson's message
 * (it names classes). Which failure it was is told by the exception's type and the parser's state where it stopped,
 * not by Jackson's text.
 */
final class UnreadableJson {
    /** Jackson's own error for a repeated property, with a name standing for the repeated one (see {@link #duplicate}). */
    private static final String SENTINEL = "\u0001repeated\u0001";
    private static final String DUPLICATE = duplicateError();

    private UnreadableJson() {
    }

    static Violation violation(JacksonException e) {
        if (e == null) {
            return new Violation("body", "the request body is missing or unreadable; send a JSON object");
        }
        String path = path(e);
        if (e instanceof WireValueException) {
            return new Violation(path, e.getOriginalMessage());
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String name = u.getPropertyName();
            if ("correlationConvention".equals(name)) {
                return new Violation(path, Spec.CONVENTION_ONLY_FOR_CORRELATION);
            }
            if ("conjugate".equals(name)) {
                return new Violation(path, Spec.CONJUGATE_ONLY_FOR_CORRELATION);
            }
            String known = u.getKnownPropertyIds() == null ? ""
                    : "; the fields are " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return new Violation(path, "unknown field '" + StrictJson.abbreviate(name) + "'" + known);
        }
        if (e instanceof InvalidNullException) {
            return new Violation(path, "must not be null");
        }
        if (e instanceof MismatchedInputException m) {
            TokenStreamContext root = e.getPath().isEmpty() ? root(e) : null;
            if (root != null && root.getEntryCount() == 0) {
                return new Violation("body", "the request body is empty; send a JSON object");
            }
            if (root != null && root.getCurrentIndex() > 0) {
                // a second value at the root: the one body was read whole, and more followed it
                return new Violation("body", "there is content after the JSON value; send exactly one JSON object");
            }
            if (path.equals("body")) {
                return new Violation("body", "the body must be a JSON object");
            }
            return new Violation(path, "must be " + expected(m.getTargetType()));
        }
        if (e instanceof StreamConstraintsException) {
            return new Violation("body", "the body exceeds the JSON parser's limits (nesting depth, number or string length)");
        }
        String duplicate = duplicate(e);
        if (duplicate != null) {
            String name = StrictJson.abbreviate(duplicate);
            String field = path.equals("body") ? name : path.equals(name) || path.endsWith("." + name) ? path : path + "." + name;
            return new Violation(field, "the field '" + name + "' appears twice in one object; send each field once");
        }
        if (e instanceof StreamReadException r && r.getLocation() != null) {
            return new Violation("body", "the body is not valid JSON (near line " + r.getLocation().getLineNr() + ", column "
                    + r.getLocation().getColumnNr() + ")");
        }
        return new Violation(path, "could not be read as JSON of the expected shape");
    }

    /** The root of the parser's contexts where it stopped (it counts the values at the root), or null. */
    private static TokenStreamContext root(JacksonException e) {
        TokenStreamContext c = e.processor() instanceof JsonParser p ? p.streamReadContext() : null;
        while (c != null && !c.inRoot()) {
            c = c.getParent();
        }
        return c;
    }

    /**
     * The repeated name when the parser refused a property sent twice (strict duplicate detection), else null: the parser
     * stands on the name it refused, and its error is the one Jackson gives for that name repeated.
     */
    private static String duplicate(JacksonException e) {
        if (!(e instanceof StreamReadException) || !(e.processor() instanceof JsonParser p)) {
            return null;
        }
        TokenStreamContext context = p.streamReadContext();
        String name = context == null ? null : context.currentName();
        return name != null && DUPLICATE != null && DUPLICATE.replace(SENTINEL, name).equals(e.getOriginalMessage()) ? name : null;
    }

    /** What Jackson says when a name repeats, with {@link #SENTINEL} for the name: asked of Jackson, not copied from it. */
    private static String duplicateError() {
        JsonFactory strict = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        String json = "{\"" + "\\u0001repeated\\u0001" + "\":0,\"" + "\\u0001repeated\\u0001" + "\":0}";
        try (JsonParser p = strict.createParser(tools.jackson.core.ObjectReadContext.empty(), json)) {
            while (p.nextToken() != null) {
                // read to the repeated name
            }
        } catch (StreamReadException e) {
            return e.getOriginalMessage();
        }
        return null;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another kind";
        }
        if (type.isArray() || List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a JSON integer";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        return "a JSON object";
    }

    /** The field path in the request's own notation: {@code image[2][1]}, {@code trace.outputs[0]}. */
    static String path(JacksonException e) {
        StringBuilder s = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                if (!s.isEmpty()) {
                    s.append('.');
                }
                s.append(StrictJson.abbreviate(r.getPropertyName()));
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.isEmpty() ? "body" : s.toString();
    }
}
