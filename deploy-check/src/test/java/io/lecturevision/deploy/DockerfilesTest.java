package io.lecturevision.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The images' recipes (not built here: no Docker engine or GraalVM on these machines). */
class DockerfilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"auth", "upload", "video", "vision", "audio"})
    void eachServiceHasItsImagesBuiltFromTheRepositoryRoot(String service) {
        String dir = service + "-service/src/main/docker/";
        String port = String.valueOf(8080 + Repository.SERVICES.indexOf(service) + 1);
        List<String> images = service.equals("vision") ? List.of("Dockerfile.jvm", "Dockerfile.gpu") : List.of("Dockerfile.jvm", "Dockerfile.native");
        for (String image : images) {
            String text = Repository.read(dir + image);
            assertTrue(text.contains("-pl " + service + "-service -am"), image + ": builds the service and common from the root");
            assertTrue(text.contains("EXPOSE " + port), image + ": the service's port");
            assertTrue(text.contains("\nUSER 185\n") || text.contains("\nUSER 1001\n"), image + ": runs unprivileged");
            assertTrue(Files.exists(Repository.path(dir + image + ".dockerignore")), image + ": keeps target/ and .local/ out of the context");
        }
        if (service.equals("vision")) {
            assertFalse(Files.exists(Repository.path(dir + "Dockerfile.native")), "TensorFlow's JNI does not run in a native image");
            String gpu = Repository.read(dir + "Dockerfile.gpu");
            assertTrue(gpu.contains("FROM nvidia/cuda:") && gpu.contains("-Pgpu"), "the CUDA base and the gpu profile");
        } else {
            String nativeImage = Repository.read(dir + "Dockerfile.native");
            assertTrue(nativeImage.contains("-Dquarkus.native.sources-only=true"), "stage 1 is the build CI runs");
            assertTrue(nativeImage.contains("FROM quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25 AS native"));
            assertEquals(3, nativeImage.lines().filter(l -> l.startsWith("FROM ")).count(), "sources, native-image, runtime");
        }
    }
}
