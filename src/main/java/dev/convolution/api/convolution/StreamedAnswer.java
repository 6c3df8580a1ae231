package dev.convolution.api.convolution;

import dev.convolution.codec.NpyStream;
import dev.convolution.core.Plan;
import dev.convolution.core.kernel.NamedKernel;
import dev.convolution.core.stream.SlabConvolution;
import dev.convolution.service.ComputeCommand;
import dev.convolution.service.ConvolutionService;
import dev.convolution.service.StreamedComputation;
import dev.convolution.web.media.AnswerAbortedException;
import dev.convolution.web.media.BinaryResult;
import dev.convolution.web.media.StreamedInput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpOutputMessage;

/**
 * The {@code .npy} answer of a streamed input, written as the input arrives: input rows are read and handed to the
 * computation, and each block of output rows is written as soon as it is computed. The headers and the {@code .npy}
 * header go out with the first block (so a problem found in the first block is still a problem response); the last
 * block waits until the input is known to end well (its part ends with its data, and no part follows). A failure after
 * the first byte ends the response short of its declared length (the connection closes), so no client takes a partial
 * array as whole, and is logged with the request id.
 */
final class StreamedAnswer implements BinaryResult.Streamed.Body, SlabConvolution.Sink {
    private static final Logger log = LoggerFactory.getLogger(StreamedAnswer.class);
    private final StreamedInput input;
    private final StreamedComputation computation;
    private final Plan plan;
    private final ComputeCommand command;
    private final NamedKernel named;
    private final int outputRows;
    private HttpOutputMessage output;
    private NpyStream.Writer writer;
    private long rowsWritten;
    private Values held;

    /** Plans the computation and reserves its memory (503 when it does not fit), before anything is written. */
    StreamedAnswer(ConvolutionService service, ComputeCommand command, StreamedInput input, NamedKernel named) {
        this.input = input;
        this.command = command;
        this.named = named;
        this.computation = service.stream(command, input.shape(), this);
        this.plan = computation.plan();
        this.outputRows = plan.outputShape()[0];
    }

    BinaryResult.Streamed result() {
        return new BinaryResult.Streamed(Map.of(), this);
    }

    @Override
    public void write(HttpOutputMessage out) throws IOException {
        this.output = out;
        boolean complexInput = input.type().isComplex();
        boolean complex = computation.type().isComplex();
        int rows = input.shape()[0];
        try (computation) {
            for (int r = 0; r < rows && computation.single(); r++) {
                input.readRow(computation.nextRowSingle()); // float32: read, held and computed in floats
                computation.rowFilled();
            }
            for (int r = 0; r < rows && !computation.single(); r++) {
                double[] re = computation.nextRow();
                double[] im = complex ? computation.nextRowImaginary() : null;
                input.readRow(re, complexInput ? im : null);
                if (complex && !complexInput) {
                    Arrays.fill(im, 0);
                }
                computation.rowFilled();
            }
            input.finish();
            if (held != null) {
                held.write();
            }
            out.getBody().flush();
        } catch (IOException | RuntimeException e) {
            if (writer == null) {
                throw e; // nothing written yet: a problem response
            }
            log.warn("streamed answer ended after {} of {} output rows: {}", rowsWritten, outputRows, e.getMessage());
            throw new AnswerAbortedException("the streamed answer ended early", e);
        }
    }

    /** A block of output rows: the first starts the answer; the last waits for the input's end. */
    @Override
    public void block(double[] re, double[] im, int rows, boolean exact) {
        next(rows, () -> writer.values(re, im), () -> held = () -> writer.values(re, im));
    }

    @Override
    public void block(float[] values, int rows) {
        next(rows, () -> writer.values(values), () -> held = () -> writer.values(values));
    }

    /** Values to write. */
    private interface Values {
        void write() throws IOException;
    }

    private void next(int rows, Values send, Runnable hold) {
        try {
            if (writer == null) {
                start();
            }
            rowsWritten += rows;
            if (rowsWritten == outputRows) {
                hold.run();
                return;
            }
            send.write();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void start() throws IOException {
        int[] shape = plan.outputShape();
        ConvolutionResults.headers(plan, computation.method(), computation.type(), command.conjugates(), named)
                .forEach(output.getHeaders()::set);
        output.getHeaders().setContentLength(NpyStream.Writer.length(shape, computation.type()));
        // a failure later leaves the answer short of this length: the connection must close after it, never carry another
        output.getHeaders().setConnection("close");
        OutputStream body = output.getBody();
        writer = new NpyStream.Writer(shape, computation.type(), body);
        writer.header();
    }

}
