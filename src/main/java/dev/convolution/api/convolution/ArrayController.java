package dev.convolution.api.convolution;

import dev.convolution.codec.Npy;
import dev.convolution.service.ConvolutionService;
import dev.convolution.web.media.BinaryResult;
import dev.convolution.web.media.StreamedInput;
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
    public ConvolutionResponse convolve(@RequestBody ArrayConvolutionRequest r) {
        return mapper.response(r, service.compute(mapper.command(r)));
    }

    @Override
    @PostMapping(path = "/correlate", produces = MediaType.APPLICATION_JSON_VALUE)
    public ConvolutionResponse correlate(@RequestBody ArrayCorrelationRequest r) {
        return mapper.response(r, service.compute(mapper.command(r)));
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
