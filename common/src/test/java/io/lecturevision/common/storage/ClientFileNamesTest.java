package io.lecturevision.common.storage;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientFileNamesTest {

    @Test
    void keepsOnlyTheLastPathComponentWithoutControlCharacters() {
        assertEquals("passwd.jpg", ClientFileNames.forDisplay("../../etc/passwd.jpg", "x", 255));
        assertEquals("photo.png", ClientFileNames.forDisplay("C:\\Users\\me\\photo.png", "x", 255));
        assertEquals("evilname.jpg", ClientFileNames.forDisplay("evil\r\nname.jpg", "x", 255));
    }

    @Test
    void fallsBackAndCaps() {
        assertEquals("x", ClientFileNames.forDisplay(null, "x", 255));
        assertEquals("x", ClientFileNames.forDisplay("dir/", "x", 255));
        assertEquals("x", ClientFileNames.forDisplay("   ", "x", 255));
        assertEquals("abc", ClientFileNames.forDisplay("abcdef", "x", 3));
    }
}
