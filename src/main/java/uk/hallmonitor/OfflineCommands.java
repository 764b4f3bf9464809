package uk.hallmonitor;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * The commands that run without the web server or the database, each owned by the module it belongs to.
 */
final class OfflineCommands {

    /** Command name to entry point; each entry point takes the arguments after the name and returns an exit code. */
    private static final Map<String, ToIntFunction<String[]>> COMMANDS = new TreeMap<>();

    static {
        // modules register their commands here, e.g. COMMANDS.put("classify", ClassifyCommand::run);
        COMMANDS.put("classify", uk.hallmonitor.classification.ClassificationCommands::classify);
        COMMANDS.put("train", uk.hallmonitor.classification.ClassificationCommands::train);
        COMMANDS.put("evaluate", uk.hallmonitor.classification.ClassificationCommands::evaluate);
        COMMANDS.put("retrain", uk.hallmonitor.classification.ClassificationCommands::retrain);
        COMMANDS.put("vault-master-key", uk.hallmonitor.vault.VaultCommands::newMasterKey);
        COMMANDS.put("vault-rewrap", uk.hallmonitor.vault.VaultCommands::rewrap);
        COMMANDS.put("vault-rotate-keys", uk.hallmonitor.vault.VaultCommands::rotateKeys);
        COMMANDS.put("audit-verify", uk.hallmonitor.audit.AuditCommands::verify);
    }

    private OfflineCommands() {
    }

    static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.containsKey(args[0]);
    }

    static int run(String[] args) {
        return COMMANDS.get(args[0]).applyAsInt(Arrays.copyOfRange(args, 1, args.length));
    }
}
