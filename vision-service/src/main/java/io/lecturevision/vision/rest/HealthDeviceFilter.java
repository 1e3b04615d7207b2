package io.lecturevision.vision.rest;

import io.lecturevision.common.rest.ServiceInfo;
import io.lecturevision.vision.inference.TensorFlowDevice;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Adds the TensorFlow device to the shared {@code /health} answer. */
public class HealthDeviceFilter {

    private final TensorFlowDevice device;

    public HealthDeviceFilter(TensorFlowDevice device) {
        this.device = device;
    }

    @ServerResponseFilter
    public void addDevice(ContainerResponseContext response) {
        if (response.getEntity() instanceof ServiceInfo info) {
            response.setEntity(new VisionHealth(info.status(), info.version(), device.placement()));
        }
    }
}
