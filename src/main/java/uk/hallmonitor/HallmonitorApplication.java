package uk.hallmonitor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Hallmonitor: governs a school's official social media accounts and watches what the public says about the school.
 *
 * <p>Without arguments it starts the service. A first argument naming an offline command ({@code classify},
 * {@code train}, {@code evaluate}, ...) runs that command instead, with neither the web server nor the database.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HallmonitorApplication {

    public static void main(String[] args) {
        if (OfflineCommands.handles(args)) {
            System.exit(OfflineCommands.run(args));
        }
        SpringApplication.run(HallmonitorApplication.class, args);
    }
}
