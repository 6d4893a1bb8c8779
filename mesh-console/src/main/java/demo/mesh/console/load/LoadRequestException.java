package demo.mesh.console.load;

/** A load request the console refuses (400), with the field at fault. */
public final class LoadRequestException extends RuntimeException {

    private final String field;

    private LoadRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public static LoadRequestException invalid(String field, String message) {
        return new LoadRequestException(field, message);
    }

    public String field() {
        return field;
    }
}
