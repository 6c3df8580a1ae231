package dev.convolution.api;

import dev.convolution.service.ConvolutionService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/images", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
class ImageController implements ImageApi {
    private final ConvolutionService service;
    private final RequestMapper mapper;

    ImageController(ConvolutionService service, RequestMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    @PostMapping("/convolve")
    public ConvolutionResponse convolve(@RequestBody ImageConvolutionRequest r) {
        return mapper.response(service.compute(mapper.command(r)));
    }

    @Override
    @PostMapping("/correlate")
    public ConvolutionResponse correlate(@RequestBody ImageCorrelationRequest r) {
        return mapper.response(service.compute(mapper.command(r)));
    }
}
