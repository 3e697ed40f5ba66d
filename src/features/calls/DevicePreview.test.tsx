import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  cameraStream,
  domError,
  FakeMediaStream,
  installCallDoubles,
  removeCallDoubles,
  stubMediaDevices,
} from '../../test/call-doubles';
import { DevicePreview } from './DevicePreview';

beforeEach(() => installCallDoubles());
afterEach(() => removeCallDoubles());

describe('the device preview before a call', () => {
  it('says the call is recorded, lists the devices, and hands the open stream over', async () => {
    const onConfirm = vi.fn();
    render(<DevicePreview action="Join call" onConfirm={onConfirm} />);
    expect(screen.getByText('This call is recorded.')).toBeInTheDocument();
    const camera = screen.getByRole('combobox', { name: 'Camera' });
    await waitFor(() => expect(camera).toBeEnabled());
    expect([...camera.querySelectorAll('option')].map((option) => option.textContent)).toEqual([
      'Front camera',
      'Desk camera',
    ]);
    expect(screen.getByRole('combobox', { name: 'Microphone' })).toHaveValue('microphone-1');

    await userEvent.click(screen.getByRole('button', { name: 'Join call' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    const stream = onConfirm.mock.calls[0]![0] as FakeMediaStream;
    expect(stream.getVideoTracks()[0]!.deviceId).toBe('camera-1');
  });

  it('opens the chosen camera and closes the one before', async () => {
    const devices = stubMediaDevices();
    render(<DevicePreview action="Start call" onConfirm={() => undefined} />);
    const camera = screen.getByRole('combobox', { name: 'Camera' });
    await waitFor(() => expect(camera).toBeEnabled());
    const first = (await devices.getUserMedia.mock.results[0]!.value) as FakeMediaStream;

    await userEvent.selectOptions(camera, 'Desk camera');
    await waitFor(() => expect(camera).toHaveValue('camera-2'));
    expect(devices.getUserMedia).toHaveBeenLastCalledWith(
      expect.objectContaining({ video: expect.objectContaining({ deviceId: { exact: 'camera-2' } }) }),
    );
    expect(first.getTracks().every((track) => track.readyState === 'ended')).toBe(true);
  });

  it('stops the camera when it goes away without joining, and keeps it once handed over', async () => {
    const stream = cameraStream();
    stubMediaDevices({ getUserMedia: () => Promise.resolve(stream) });
    const left = render(<DevicePreview action="Join call" onConfirm={() => undefined} />);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Join call' })).toBeEnabled());
    left.unmount();
    expect(stream.getTracks().every((track) => track.readyState === 'ended')).toBe(true);

    const kept = cameraStream();
    stubMediaDevices({ getUserMedia: () => Promise.resolve(kept) });
    const joined = render(<DevicePreview action="Join call" onConfirm={() => undefined} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Join call' }));
    joined.unmount();
    expect(kept.getTracks().every((track) => track.readyState === 'live')).toBe(true);
  });

  it('cannot confirm without a camera, and tries again when asked', async () => {
    let refuse = true;
    stubMediaDevices({
      getUserMedia: () =>
        refuse ? Promise.reject(domError('NotReadableError')) : Promise.resolve(cameraStream()),
    });
    render(<DevicePreview action="Start call" onConfirm={() => undefined} />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your camera or microphone is in use by another application',
    );
    expect(screen.getByRole('button', { name: 'Start call' })).toBeDisabled();

    refuse = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Start call' })).toBeEnabled());
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says so in a browser that cannot open a camera at all', async () => {
    removeCallDoubles();
    render(<DevicePreview action="Join call" onConfirm={() => undefined} />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This browser cannot use a camera here. Open the page over https in a current browser.',
    );
  });
});
