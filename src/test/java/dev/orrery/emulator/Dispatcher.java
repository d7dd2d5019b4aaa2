package dev.orrery.emulator;

import net.dv8tion.jda.api.utils.data.DataObject;

/** Sends a gateway event to the bot's sessions. */
@FunctionalInterface
interface Dispatcher {
  void dispatch(String type, DataObject data);
}
