package dev.orrery.feed;

import com.rometools.modules.mediarss.MediaEntryModule;
import com.rometools.modules.mediarss.MediaModule;
import com.rometools.modules.mediarss.types.MediaContent;
import com.rometools.modules.mediarss.types.MediaGroup;
import com.rometools.modules.mediarss.types.Metadata;
import com.rometools.modules.mediarss.types.Thumbnail;
import com.rometools.modules.mediarss.types.UrlReference;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds the image an entry declares: media:thumbnail, then image media:content, then an image
 * enclosure.
 */
final class MediaImages {
  private static final Pattern IMAGE_FILE =
      Pattern.compile("(?i)\\.(jpe?g|png|gif|webp|avif)([?#].*)?$");

  /** The image URL as written (possibly relative), or null. */
  String find(SyndEntry entry) {
    Module module = entry.getModule(MediaModule.URI);
    if (module instanceof MediaEntryModule) {
      String media = fromMedia((MediaEntryModule) module);
      if (media != null) {
        return media;
      }
    }
    for (SyndEnclosure enclosure : entry.getEnclosures()) {
      if (enclosure.getType() != null
          && enclosure.getType().toLowerCase(Locale.ROOT).startsWith("image/")
          && enclosure.getUrl() != null
          && !enclosure.getUrl().isBlank()) {
        return enclosure.getUrl().strip();
      }
    }
    return null;
  }

  private static String fromMedia(MediaEntryModule media) {
    String thumbnail = thumbnail(media.getMetadata());
    if (thumbnail != null) {
      return thumbnail;
    }
    for (MediaContent content : media.getMediaContents()) {
      String found = fromContent(content);
      if (found != null) {
        return found;
      }
    }
    for (MediaGroup group : media.getMediaGroups()) {
      String groupThumbnail = thumbnail(group.getMetadata());
      if (groupThumbnail != null) {
        return groupThumbnail;
      }
      for (MediaContent content : group.getContents()) {
        String found = fromContent(content);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static String fromContent(MediaContent content) {
    String thumbnail = thumbnail(content.getMetadata());
    if (thumbnail != null) {
      return thumbnail;
    }
    boolean image =
        "image".equalsIgnoreCase(content.getMedium())
            || (content.getType() != null
                && content.getType().toLowerCase(Locale.ROOT).startsWith("image/"));
    if (!(content.getReference() instanceof UrlReference)) {
      return null;
    }
    String url = ((UrlReference) content.getReference()).getUrl().toString();
    boolean untyped = content.getMedium() == null && content.getType() == null;
    // Without medium or type, only the file name tells a picture from a video.
    return image || (untyped && IMAGE_FILE.matcher(url).find()) ? url : null;
  }

  private static String thumbnail(Metadata metadata) {
    if (metadata == null) {
      return null;
    }
    for (Thumbnail thumbnail : metadata.getThumbnail()) {
      if (thumbnail.getUrl() != null) {
        return thumbnail.getUrl().toString();
      }
    }
    return null;
  }
}
