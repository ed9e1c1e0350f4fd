'use client';

/**
 * The alert tone, synthesised with WebAudio: nothing to download, works offline. Two falling tones,
 * three times, under a second and a half. Browsers start audio only after a user gesture unless the
 * kiosk is started with `--autoplay-policy=no-user-gesture-required` (docs/wall.md); the outcome is
 * reported so the wall can show it.
 */
export type ToneOutcome = 'played' | 'blocked' | 'unsupported';

let context: AudioContext | null = null;

export async function playAlertTone(): Promise<ToneOutcome> {
  const Context =
    typeof window === 'undefined'
      ? undefined
      : (window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext);
  if (!Context) return 'unsupported';
  context ??= new Context();
  if (context.state === 'suspended') {
    try {
      await Promise.race([context.resume(), new Promise((resolve) => setTimeout(resolve, 300))]);
    } catch {
      return 'blocked';
    }
  }
  if (context.state !== 'running') return 'blocked';
  const start = context.currentTime + 0.02;
  for (let i = 0; i < 3; i++) {
    beep(context, start + i * 0.45, 880, 0.18);
    beep(context, start + i * 0.45 + 0.2, 660, 0.18);
  }
  return 'played';
}

function beep(audio: AudioContext, at: number, frequency: number, duration: number): void {
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = 'sine';
  oscillator.frequency.setValueAtTime(frequency, at);
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.35, at + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + duration);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(at);
  oscillator.stop(at + duration + 0.02);
  oscillator.onended = () => {
    oscillator.disconnect();
    gain.disconnect();
  };
}
