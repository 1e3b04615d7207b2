package io.lecturevision.vision.inference;

import io.lecturevision.vision.config.VisionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.tensorflow.DeviceSpec;
import org.tensorflow.proto.ConfigProto;

/**
 * The device every model graph is pinned to ({@code lv.vision.device}). Soft placement is off, so
 * a graph pinned to a GPU that is not there fails instead of silently running on the CPU.
 */
@ApplicationScoped
public class TensorFlowDevice {

    private final DeviceSpec device;
    private volatile String placement = "not measured yet";

    public TensorFlowDevice(VisionConfig config) {
        this.device = switch (config.device()) {
            case "cpu" -> DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(0).build();
            case "gpu" -> DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build();
            default -> throw new IllegalArgumentException("lv.vision.device must be cpu or gpu, was " + config.device());
        };
    }

    public DeviceSpec spec() {
        return device;
    }

    public ConfigProto sessionConfig() {
        return ConfigProto.newBuilder().setAllowSoftPlacement(false).build();
    }

    /** Where TensorFlow last reported placing a model's ops (from a traced run at start). */
    public String placement() {
        return placement;
    }

    void placementMeasured(String devices) {
        this.placement = devices;
    }
}
