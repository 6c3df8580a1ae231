package dev.convolution.api;

import dev.convolution.service.ConvolutionService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/signals", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
class SignalController implements SignalApi {
    private final ConvolutionService service;
    private final RequestMapper mapper;

    SignalController(ConvolutionService service, RequestMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    @PostMapping("/convolve")
    public ConvolutionResponse convolve(@RequestBody SignalConvolutionRequest r) {
        return mapper.response(service.compute(mapper.command(r)));
    }

    @Override
    @PostMapping("/correlate")
    public ConvolutionResponse correlate(@RequestBody SignalCorrelationRequest r) {
        return mapper.response(service.compute(mapper.command(r)));
    }
}
