/**
 * The simulator's services: `/get_robot_info` (telekiosk_msgs/srv/GetRobotInfo), `/get_waypoints`
 * (telekiosk_msgs/srv/GetWaypoints), and `/estop/engage`, `/estop/release` (std_srvs/srv/Trigger),
 * which simulate pressing and releasing the hardware e-stop button.
 */
import { z } from 'zod';
import { GetWaypointsRequestSchema, TriggerRequestSchema, type GetWaypointsResponse, type TriggerResponse } from './interfaces.ts';
import type { ServiceDefinition } from './session.ts';
import { FIRMWARE_VERSION, poseStampedMessage, ROBOT_MODEL_NAME, SERIAL_NUMBER } from './telemetry.ts';
import type { VenueMap } from './venue.ts';
import type { RobotWorld } from './world.ts';

/** Service returning model, firmware and battery (telekiosk_msgs/srv/GetRobotInfo). */
export const ROBOT_INFO_SERVICE = '/get_robot_info';
/** Type of {@link ROBOT_INFO_SERVICE}. */
export const ROBOT_INFO_SERVICE_TYPE = 'telekiosk_msgs/srv/GetRobotInfo';
/** Service listing the venue's named waypoints (telekiosk_msgs/srv/GetWaypoints). */
export const WAYPOINTS_SERVICE = '/get_waypoints';
/** Type of {@link WAYPOINTS_SERVICE}. */
export const WAYPOINTS_SERVICE_TYPE = 'telekiosk_msgs/srv/GetWaypoints';
/** Service engaging the e-stop like the hardware button (std_srvs/srv/Trigger). */
export const ESTOP_ENGAGE_SERVICE = '/estop/engage';
/** Service releasing the e-stop (std_srvs/srv/Trigger); `success` is false when it was not engaged. */
export const ESTOP_RELEASE_SERVICE = '/estop/release';
/** Type of the e-stop services. */
export const TRIGGER_SERVICE_TYPE = 'std_srvs/srv/Trigger';

/** Request of `/get_robot_info`: empty. */
const RobotInfoRequestSchema = z.strictObject({});

/** The telekiosk_msgs/srv/GetWaypoints response for a venue: names and `map`-frame poses stamped `stampMs` (ms since epoch). */
export function waypointsResponse(venue: VenueMap, stampMs: number): GetWaypointsResponse {
  return {
    names: venue.waypoints.map((w) => w.name),
    poses: venue.waypoints.map((w) => poseStampedMessage(w, stampMs)),
  };
}

/** The services of a simulator bound to `world`; `now` stamps responses (ms since epoch). */
export function robotServices(world: RobotWorld, now: () => number): ServiceDefinition[] {
  const trigger = (name: string, run: () => TriggerResponse): ServiceDefinition => ({
    name, type: TRIGGER_SERVICE_TYPE, request: TriggerRequestSchema, handle: () => ({ ...run() }),
  });
  return [
    {
      name: ROBOT_INFO_SERVICE,
      type: ROBOT_INFO_SERVICE_TYPE,
      request: RobotInfoRequestSchema,
      handle: () => {
        const s = world.model.state();
        return {
          model_name: ROBOT_MODEL_NAME,
          firmware_version: FIRMWARE_VERSION,
          serial_number: SERIAL_NUMBER,
          battery_percentage: s.batteryPercent / 100,
          charging: s.charging,
        };
      },
    },
    {
      name: WAYPOINTS_SERVICE,
      type: WAYPOINTS_SERVICE_TYPE,
      request: GetWaypointsRequestSchema,
      handle: () => ({ ...waypointsResponse(world.venue, now()) }),
    },
    trigger(ESTOP_ENGAGE_SERVICE, () => world.engageEstop('button pressed (/estop/engage)')),
    trigger(ESTOP_RELEASE_SERVICE, () => world.releaseEstop()),
  ];
}
