package dev.convolution.api.convolution;

import dev.convolution.codec.Npy;
import dev.convolution.service.ConvolutionService;
import dev.convolution.web.media.BinaryResult;
import dev.convolution.web.media.StreamedInput;
import dev.convolution.web.problem.ResultNotAcceptableException;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/arrays", consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE})
class ArrayController implements ArrayApi {
    private final ConvolutionService service;
    private final ConvolutionMapper mapper;
    private final ConvolutionResults binary;

    ArrayController(ConvolutionService service, ConvolutionMapper mapper, ConvolutionResults binary) {
        this.service = service;
        this.mapper = mapper;
        this.binary = binary;
    }

    @Override
    @PostMapping(path = "/convolve", produces = MediaType.APPLICATION_JSON_VALUE)
    public ConvolutionResponse convolve(@RequestBody ArrayConvolutionRequest r, HttpServletRequest request) {
        requireWhole(request);
        return mapper.response(r, service.compute(mapper.command(r)));
    }

    @Override
    @PostMapping(path = "/correlate", produces = MediaType.APPLICATION_JSON_VALUE)
    public ConvolutionResponse correlate(@RequestBody ArrayCorrelationRequest r, HttpServletRequest request) {
        requireWhole(request);
        return mapper.response(r, service.compute(mapper.command(r)));
    }

    /** A streamed input is answered as it arrives, in .npy only: a JSON answer would need it whole (406). */
    private static void requireWhole(HttpServletRequest request) {
        if (StreamedInput.of(request) != null) {
            throw new ResultNotAcceptableException("a streamed input is answered in .npy as it arrives: ask with "
                    + "Accept: application/x-npy alone, or send the input whole (with Content-Length, within max-body-bytes)");
        }
    }

    /**
     * The result array alone as .npy (documented with the JSON operation); an input that streams (a large last part of a
     * body read as a stream) is answered as it arrives.
     */
    @Hidden
    @PostMapping(path = "/convolve", produces = Npy.MEDIA_TYPE)
    public BinaryResult convolveNpy(@RequestBody ArrayConvolutionRequest r, HttpServletRequest request) {
        StreamedInput streamed = StreamedInput.of(request);
        return streamed == null ? binary.npy(r) : binary.streamed(r, streamed);
    }

    @Hidden
    @PostMapping(path = "/correlate", produces = Npy.MEDIA_TYPE)
    public BinaryResult correlateNpy(@RequestBody ArrayCorrelationRequest r, HttpServletRequest request) {
        StreamedInput streamed = StreamedInput.of(request);
        return streamed == null ? binary.npy(r) : binary.streamed(r, streamed);
    }
}
