package dev.orrery.app;

import dev.orrery.config.Config;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code orrery run}: the Discord bot. */
@Command(name = "run", description = "Run the Discord bot (the default command).")
final class RunCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin ConfigOption config;

  @Override
  public Integer call() {
    Config cfg = config.load(main.env, true, main.err);
    if (cfg == null) {
      return Main.USAGE;
    }
    main.err.println("orrery run: the Discord side is not built yet; use orrery poll for the console");
    return 1;
  }
}
