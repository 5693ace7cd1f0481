package io.aisprint.security.iot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where the shared contracts live on a chain: the register and the judge. Saved as JSON, written atomically. */
public record Deployment(String chainUrl, String register, String judge) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public void save(Path file) {
        try {
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                JSON.createObjectNode().put("chain", chainUrl).put("register", register).put("judge", judge)));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IotException(IotException.Code.UNREADABLE, "cannot write " + file + ": " + e.getMessage());
        }
    }

    public static Deployment read(Path file) {
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IotException(IotException.Code.UNREADABLE, "cannot read " + file + ": " + e.getMessage()
                + "\nMaybe run 'aisprint iot deploy --out " + file + "' first");
        }
        for (String key : new String[] {"chain", "register", "judge"}) {
            if (!json.path(key).isTextual()) {
                throw new IotException(IotException.Code.INVALID_INPUT, file + ": missing '" + key + "'; expected {chain, register, judge}");
            }
        }
        return new Deployment(json.get("chain").asText(), Accounts.address(json.get("register").asText(), file + ": register"),
            Accounts.address(json.get("judge").asText(), file + ": judge"));
    }
}
