/** The signals, images and arrays endpoints (convolution and cross-correlation): controllers, their OpenAPI interfaces, request and response records, the mapping to the service. */
package dev.convolution.api.convolution;
