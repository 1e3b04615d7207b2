package io.lecturevision.common.error;

import java.io.IOException;

/**
 * The client closed its connection, or stopped reading, before the whole answer was written:
 * routine for a video player that seeks, pauses or closes. Nothing can be answered any more, and
 * it is no server error (logged at DEBUG by {@link ErrorMappers}).
 */
public class ClientGone extends IOException {

    public ClientGone(String message, Throwable cause) {
        super(message, cause);
    }
}
