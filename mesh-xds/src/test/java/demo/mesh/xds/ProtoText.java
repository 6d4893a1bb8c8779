package demo.mesh.xds;

import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;

/** Expected xDS resources written as protobuf text, the way Envoy and gRPC documentation show them. */
final class ProtoText {

    private ProtoText() {
    }

    @SuppressWarnings("unchecked")
    static <T extends Message> T parse(String text, T prototype) {
        Message.Builder builder = prototype.newBuilderForType();
        try {
            TextFormat.merge(text, builder);
        } catch (TextFormat.ParseException e) {
            throw new IllegalArgumentException("Bad expected proto text: " + e.getMessage(), e);
        }
        return (T) builder.build();
    }
}
