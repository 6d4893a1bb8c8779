package demo.mesh.logic;

/** A caller sent a name the contract does not accept; the message says which rule it broke. */
public class InvalidNameException extends RuntimeException {
    public InvalidNameException(String message) {
        super(message);
    }
}
