// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";

import {IProject, ProjectType} from "./interfaces/IProject.sol";

/// @title ProjectRegistry
/// @notice Anyone registers a DePIN project here and receives its Project token. Any value sent stays here.
/// It emits no event of its own: the project id is the tokenId of Project's Transfer event.
contract ProjectRegistry is Initializable {
    IProject public project;

    function initialize(address project_) external initializer {
        project = IProject(project_);
    }

    /// @notice Deprecated: registers an unnamed hardware project.
    function register() external payable returns (uint256) {
        return project.mint(msg.sender);
    }

    function register(string calldata name) external payable returns (uint256) {
        return project.mint(msg.sender, name);
    }

    function register(string calldata name, ProjectType type_) external payable returns (uint256) {
        return project.mint(msg.sender, name, type_);
    }
}
