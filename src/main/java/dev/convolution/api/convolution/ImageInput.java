package dev.convolution.api.convolution;

import dev.convolution.api.wire.EmbeddedArray;
import dev.convolution.api.wire.NumberReaders;
import dev.convolution.codec.Picture;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * An images request's {@code image}: rows of numbers (JSON, or a 2D {@code .npy} part), or a PNG part's picture. A
 * grey picture without alpha is also its rows; a colour or alpha picture has no rows (its result is a picture).
 */
@JsonDeserialize(using = ImageInput.Reader.class)
record ImageInput(double[][] rows, Picture picture) {

    static final class Reader extends ValueDeserializer<ImageInput> {
        private final NumberReaders.TwoD rows = new NumberReaders.TwoD();

        @Override
        public ImageInput deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (p.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT && p.getEmbeddedObject() instanceof Picture picture) {
                boolean grey = picture.colours() == 1 && !picture.alpha();
                return new ImageInput(grey ? EmbeddedArray.rows(picture.planes()[0], picture.height(), picture.width()) : null, picture);
            }
            return new ImageInput(rows.deserialize(p, ctxt), null);
        }
    }
}
