package dev.convolution.api.kernel;

import dev.convolution.core.kernel.NamedKernels;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class KernelController implements KernelApi {
    private static final List<KernelResponse> CATALOGUE = NamedKernels.catalogue().stream().map(KernelResponse::of).toList();

    @Override
    @GetMapping(path = "/api/v1/kernels", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<KernelResponse> kernels() {
        return CATALOGUE;
    }
}
