// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IioIDStore {
    function deviceContractProject(address deviceContract) external view returns (uint256);

    function activeIoID(uint256 projectId) external payable;
}
