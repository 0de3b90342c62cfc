// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";

import {IProject, ProjectType} from "./interfaces/IProject.sol";

/// @title ioIDStore
/// @notice ioID quota and fees. Hardware projects prepay quota with applyIoIDs; each registration activates one
/// ioID through activeIoID. When a project has no prepaid quota left, the registration itself must pay price().
/// Each project binds exactly one device-NFT contract.
contract ioIDStore is Ownable, Initializable {
    event Initialize(address indexed project, uint256 price);
    event SetIoIDRegistry(address indexed ioIDRegistry);
    event ChangeFeeReceiver(address indexed feeReceiver);
    event ChangePrice(uint256 price);
    event ApplyIoIDs(uint256 indexed projectId, uint256 amount);
    event ActiveIoID(uint256 indexed projectId);
    event SetDeviceContract(uint256 indexed projectId, address indexed deviceContract);

    address public project;
    address public ioIDRegistry;
    address public feeReceiver;
    uint256 public price;

    mapping(uint256 => address) public projectDeviceContract;
    mapping(address => uint256) public deviceContractProject;
    mapping(uint256 => uint256) public projectAppliedAmount;
    mapping(uint256 => uint256) public projectActivedAmount;

    /// @dev Whoever initializes is the first ioIDRegistry; the deployer then calls setIoIDRegistry.
    function initialize(address project_, uint256 price_) external initializer {
        if (owner() != msg.sender) _transferOwnership(msg.sender);
        project = project_;
        price = price_;
        ioIDRegistry = msg.sender;
        emit Initialize(project_, price_);
    }

    function applyIoIDs(uint256 projectId, uint256 amount) external payable {
        require(IProject(project).projectType(projectId) == ProjectType.Hardware, "only hardware project");
        require(msg.value >= amount * price, "insufficient fund");
        _collect();
        projectAppliedAmount[projectId] += amount;
        emit ApplyIoIDs(projectId, amount);
    }

    function setDeviceContract(uint256 projectId, address deviceContract) external {
        require(IERC721(project).ownerOf(projectId) == msg.sender, "invald project owner");
        require(projectDeviceContract[projectId] == address(0), "project setted");
        require(deviceContractProject[deviceContract] == 0, "contract setted");
        _bind(projectId, deviceContract);
    }

    function changeDeviceContract(uint256 projectId, address deviceContract) external onlyOwner {
        require(deviceContractProject[deviceContract] == 0, "contract setted");
        _bind(projectId, deviceContract);
    }

    /// @notice Called by the ioIDRegistry for every registration. Uses one unit of the project's quota; with no
    /// quota left the registration must carry at least price() and buys that unit on the spot.
    function activeIoID(uint256 projectId) external payable {
        require(msg.sender == ioIDRegistry, "only ioIDRegistry");
        if (projectAppliedAmount[projectId] == projectActivedAmount[projectId]) {
            require(msg.value >= price, "insufficient fund");
            projectAppliedAmount[projectId] += 1;
            // Like the live store: only a charged registration forwards its payment; value sent while quota
            // remains stays in the store.
            _collect();
        }
        projectActivedAmount[projectId] += 1;
        emit ActiveIoID(projectId);
    }

    function changePrice(uint256 price_) external onlyOwner {
        price = price_;
        emit ChangePrice(price_);
    }

    function changeFeeReceiver(address feeReceiver_) external onlyOwner {
        require(feeReceiver_ != address(0), "zero address");
        feeReceiver = feeReceiver_;
        emit ChangeFeeReceiver(feeReceiver_);
    }

    function setIoIDRegistry(address ioIDRegistry_) external onlyOwner {
        require(ioIDRegistry_ != address(0), "zero address");
        ioIDRegistry = ioIDRegistry_;
        emit SetIoIDRegistry(ioIDRegistry_);
    }

    function withdraw(address[] calldata recipients, uint256[] calldata amounts) external onlyOwner {
        require(recipients.length == amounts.length, "invalid request");
        for (uint256 i = 0; i < recipients.length; i++) {
            (bool ok, ) = recipients[i].call{value: amounts[i]}("");
            require(ok, "transfer fail");
        }
    }

    function _bind(uint256 projectId, address deviceContract) private {
        projectDeviceContract[projectId] = deviceContract;
        deviceContractProject[deviceContract] = projectId;
        emit SetDeviceContract(projectId, deviceContract);
    }

    /// @dev Fees go straight to the fee receiver when one is set; otherwise they stay here for withdraw().
    function _collect() private {
        if (feeReceiver == address(0) || msg.value == 0) return;
        (bool ok, ) = feeReceiver.call{value: msg.value}("");
        require(ok, "collect fee fail");
    }
}
