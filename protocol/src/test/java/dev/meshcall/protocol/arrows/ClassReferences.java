package dev.meshcall.protocol.arrows;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes a compiled class refers to, read from its constant pool (JVMS 4.4) with plain JDK code: the class
 * entries (what it calls, creates, casts to, catches, extends) and the type descriptors and signatures in its UTF-8
 * entries (field and method types, generic arguments, annotations, and the element types of arrays, whose class
 * entries are descriptors too). What javac folds away is not there: an import
 * used only in Javadoc, or only for a constant it inlines.
 */
public final class ClassReferences {
    private static final int MAGIC = 0xCAFEBABE;
    /** {@code Lsome/pkg/Name;} or {@code Lsome/pkg/Name<} inside a descriptor or signature. */
    private static final Pattern DESCRIBED = Pattern.compile("L([A-Za-z_$][\\w$]*(?:/[A-Za-z_$][\\w$]*)+)[;<]");

    private ClassReferences() {
    }

    /**
     * The binary names ({@code dev/meshcall/server/http/ApiHandler}) that {@code classFile} refers to, its own
     * included.
     *
     * @throws IOException when the file cannot be read or is not a class file, naming it
     */
    public static Set<String> of(Path classFile) throws IOException {
        try (InputStream file = Files.newInputStream(classFile);
                DataInputStream in = new DataInputStream(file)) {
            if (in.readInt() != MAGIC) {
                throw new IOException(classFile + " is not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] classNameIndex = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classNameIndex[i] = in.readUnsignedShort();
                    case 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++;
                    }
                    default -> throw new IOException(classFile + ": unknown constant pool tag " + tag + " at entry "
                            + i);
                }
            }
            Set<String> names = new TreeSet<>();
            for (int i = 1; i < count; i++) {
                if (classNameIndex[i] != 0) {
                    String name = utf8[classNameIndex[i]];
                    if (!name.startsWith("[")) {
                        names.add(name);
                    }
                }
                if (utf8[i] != null) {
                    Matcher described = DESCRIBED.matcher(utf8[i]);
                    while (described.find()) {
                        names.add(described.group(1));
                    }
                }
            }
            return names;
        }
    }
}
