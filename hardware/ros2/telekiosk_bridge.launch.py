"""Launch rosbridge for the TeleKiosk console and kiosk on a real robot.

Starts rosbridge_server's `rosbridge_websocket` (the WebSocket the kiosk's roslib connects to) and
`rosapi`, both restricted by the allow-lists (`topics_glob`, `services_glob`, `actions_glob`,
`params_glob`) in telekiosk_bridge.params.yaml next to this file.

Usage (ROS 2 Jazzy or newer, `ros-$ROS_DISTRO-rosbridge-suite` installed):

    ros2 launch ./telekiosk_bridge.launch.py
    ros2 launch ./telekiosk_bridge.launch.py port:=9091 address:=192.168.10.20
    ros2 launch ./telekiosk_bridge.launch.py params_file:=/etc/telekiosk/bridge.params.yaml

Launch arguments override the file's `port` and `address`; everything else comes from the file.
"""
import os

from launch import LaunchDescription
from launch.actions import DeclareLaunchArgument
from launch.substitutions import LaunchConfiguration
from launch_ros.actions import Node
from launch_ros.parameter_descriptions import ParameterValue

HERE = os.path.dirname(os.path.abspath(__file__))


def generate_launch_description():
    params_file = LaunchConfiguration('params_file')
    port = LaunchConfiguration('port')
    address = LaunchConfiguration('address')
    return LaunchDescription([
        DeclareLaunchArgument(
            'params_file',
            default_value=os.path.join(HERE, 'telekiosk_bridge.params.yaml'),
            description='YAML with the rosbridge_websocket and rosapi parameters (allow-lists).'),
        DeclareLaunchArgument('port', default_value='9090', description='WebSocket port.'),
        DeclareLaunchArgument('address', default_value='', description='Interface to bind; empty = all.'),
        Node(
            package='rosbridge_server',
            executable='rosbridge_websocket',
            name='rosbridge_websocket',
            output='screen',
            respawn=True,
            respawn_delay=2.0,
            parameters=[
                params_file,
                {
                    'port': ParameterValue(port, value_type=int),
                    'address': ParameterValue(address, value_type=str),
                },
            ],
        ),
        Node(
            package='rosapi',
            executable='rosapi_node',
            name='rosapi',
            output='screen',
            respawn=True,
            respawn_delay=2.0,
            parameters=[params_file],
        ),
    ])
