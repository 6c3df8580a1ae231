/** HTTP: controllers, request and response records, strict JSON mapping and problem details. */
package dev.convolution.api;
