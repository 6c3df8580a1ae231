package dev.convolution.api.convolution;

import dev.convolution.codec.Npy;
import dev.convolution.service.ConvolutionService;
import dev.convolution.web.media.BinaryResult;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/signals", consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE})
class SignalController implements SignalApi {
    private final ConvolutionService service;
    private final ConvolutionMapper mapper;
    private final ConvolutionResults binary;

    SignalController(ConvolutionService service, ConvolutionMapper mapper, ConvolutionResults binary) {
        this.service = service;
        this.mapper = mapper;
        this.binary = binary;
    }

    @Override
    @PostMapping(path = "/convolve", produces = MediaType.APPLICATION_JSON_VALUE)
    public ConvolutionResponse convolve(@RequestBody SignalConvolutionRequest r) {
        return mapper.response(r, service.compute(mapper.command(r)));
    }

    @Override
    @PostMapping(path = "/correlate", produces = MediaType.APPLICATION_JSON_VALUE)
    public ConvolutionResponse correlate(@RequestBody SignalCorrelationRequest r) {
        return mapper.response(r, service.compute(mapper.command(r)));
    }

    /** The result array alone as .npy (documented with the JSON operation). */
    @Hidden
    @PostMapping(path = "/convolve", produces = Npy.MEDIA_TYPE)
    public BinaryResult.Npy convolveNpy(@RequestBody SignalConvolutionRequest r) {
        return binary.npy(r);
    }

    @Hidden
    @PostMapping(path = "/correlate", produces = Npy.MEDIA_TYPE)
    public BinaryResult.Npy correlateNpy(@RequestBody SignalCorrelationRequest r) {
        return binary.npy(r);
    }
}
