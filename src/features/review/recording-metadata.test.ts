import { describe, expect, it } from 'vitest';
import { parseRecordingData, parseStartTime, recordingMimeType } from './recording-metadata';

describe('parseRecordingData', () => {
  it('reads container and codecs', () => {
    expect(
      parseRecordingData('{"container":"webm","videoCodec":"vp9","audioCodec":"opus","duration":30}'),
    ).toEqual({ container: 'webm', videoCodec: 'vp9', audioCodec: 'opus' });
  });

  it('tolerates absence, invalid JSON and other shapes', () => {
    expect(parseRecordingData(undefined)).toEqual({});
    expect(parseRecordingData(null)).toEqual({});
    expect(parseRecordingData('{not json')).toEqual({});
    expect(parseRecordingData('[1,2]')).toEqual({});
    expect(parseRecordingData('"text"')).toEqual({});
    expect(parseRecordingData('{"container":42,"videoCodec":""}')).toEqual({});
  });
});

describe('recordingMimeType', () => {
  it('prefers the container, then the extension of the URL', () => {
    expect(recordingMimeType('webm', 'https://t.example/media/a.mp4')).toBe('video/webm');
    expect(recordingMimeType(undefined, 'https://t.example/media/a.mp4?exp=1&sig=x')).toBe('video/mp4');
    expect(recordingMimeType(undefined, 'https://t.example/media/a')).toBeUndefined();
  });

  it('gives a recording of sound alone an audio type', () => {
    expect(recordingMimeType('webm', 'https://t.example/media/a.weba', 'audio')).toBe('audio/webm');
    expect(recordingMimeType('mp4', 'https://t.example/media/a.m4a', 'audio')).toBe('audio/mp4');
    expect(recordingMimeType('ogg', 'https://t.example/media/a.ogg', 'audio')).toBe('audio/ogg');
    expect(recordingMimeType(undefined, 'https://t.example/media/a.m4a?exp=1', 'audio')).toBe('audio/mp4');
  });
});

describe('parseStartTime', () => {
  it('accepts non-negative seconds only', () => {
    expect(parseStartTime('30')).toBe(30);
    expect(parseStartTime('12.5')).toBe(12.5);
    expect(parseStartTime('0')).toBeUndefined();
    expect(parseStartTime('-4')).toBeUndefined();
    expect(parseStartTime('1m30s')).toBeUndefined();
    expect(parseStartTime(null)).toBeUndefined();
  });
});
