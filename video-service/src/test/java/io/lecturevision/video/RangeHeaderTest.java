package io.lecturevision.video;

import io.lecturevision.common.storage.ByteRange;
import io.lecturevision.video.service.RangeHeader;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RangeHeaderTest {

    @Test
    void parsesTheFormsOfOneRange() {
        assertEquals(Optional.of(new ByteRange(0, 99)), RangeHeader.parse("bytes=0-99", 1000));
        assertEquals(Optional.of(new ByteRange(900, 999)), RangeHeader.parse("bytes=-100", 1000));
        assertEquals(Optional.of(new ByteRange(0, 999)), RangeHeader.parse("bytes=-5000", 1000));
        assertEquals(Optional.of(new ByteRange(500, 999)), RangeHeader.parse("bytes=500-", 1000));
        assertEquals(Optional.of(new ByteRange(500, 999)), RangeHeader.parse("bytes=500-123456", 1000));
    }

    @Test
    void ignoresWhatItCannotServeAsOneRange() {
        assertEquals(Optional.empty(), RangeHeader.parse(null, 1000));
        assertEquals(Optional.empty(), RangeHeader.parse("bytes=0-1,5-9", 1000));
        assertEquals(Optional.empty(), RangeHeader.parse("items=0-1", 1000));
        assertEquals(Optional.empty(), RangeHeader.parse("bytes=9-1", 1000));
        assertEquals(Optional.empty(), RangeHeader.parse("bytes=a-b", 1000));
    }

    @Test
    void aRangePastTheEndIsUnsatisfiable() {
        assertThrows(RangeHeader.Unsatisfiable.class, () -> RangeHeader.parse("bytes=1000-", 1000));
        assertThrows(RangeHeader.Unsatisfiable.class, () -> RangeHeader.parse("bytes=1000-2000", 1000));
        assertThrows(RangeHeader.Unsatisfiable.class, () -> RangeHeader.parse("bytes=-0", 1000));
        assertThrows(RangeHeader.Unsatisfiable.class, () -> RangeHeader.parse("bytes=0-", 0));
    }
}
